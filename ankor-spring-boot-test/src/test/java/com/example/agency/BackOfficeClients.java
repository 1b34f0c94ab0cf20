package com.example.agency;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.service.registry.ImportHttpServices;

@Configuration(proxyBeanMethods = false)
@ImportHttpServices(group = "ankor-back-office", types = CompanyApi.class)
public class BackOfficeClients {

}
